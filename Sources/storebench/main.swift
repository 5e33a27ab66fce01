// storebench: see StoreBench.swift.
