// The CertStore target. See README.md, "Architecture", for its role and what it may import.
