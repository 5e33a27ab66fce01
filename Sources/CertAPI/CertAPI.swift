// CertAPI holds only generated code: see Generated/ and tools/regenerate.sh.
