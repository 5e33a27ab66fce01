// The CertIDL library: schema lexer, parser, validator and Swift renderer.
