#!/usr/bin/env bash
# Fails when a target imports a module its layer forbids (see README.md, "Architecture").
# SwiftPM only catches undeclared imports; this grep is the real guard.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
forbid() { # target-dir regex-of-forbidden-modules
  local dir=$1 pattern=$2
  [[ -d "$dir" ]] || return 0
  local hits
  hits=$(grep -rnE "^\s*(@[A-Za-z_]+(\([^)]*\))?\s+)*((public|package|internal|private|fileprivate)\s+)?import\s+(class\s+|struct\s+|enum\s+|func\s+)?($pattern)\b" "$dir" --include='*.swift' || true)
  if [[ -n "$hits" ]]; then
    echo "check-imports: $dir must not import ($pattern):"; echo "$hits"; status=1
  fi
}
forbid Sources/CertDomain 'NIO[A-Za-z]*|CertRPC|CertTLS|CertWire|CertAPI|CLMDB|COpenSSL|CertStore|CertServer'
forbid Sources/CertCrypto 'NIO[A-Za-z]*|CLMDB|CertRPC|CertTLS|CertWire|CertAPI|CertDomain|CertStore|CertServer'
forbid Sources/CertWire 'NIOPosix|COpenSSL|CLMDB|CertDomain|CertCrypto|CertStore|CertServer|CertRPC|CertTLS|CertAPI'
forbid Sources/CertAPI 'NIOPosix|COpenSSL|CLMDB|CertDomain|CertCrypto|CertStore|CertServer|CertRPC|CertTLS'
forbid Sources/CertStore 'NIO[A-Za-z]*|CertRPC|CertTLS|CertWire|CertAPI|CertServer'
forbid Sources/CertServer 'CLMDB|COpenSSL|CertStore'
forbid Sources/CertTLS 'CLMDB|CertDomain|CertStore|CertServer|CertAPI|CertRPC'
forbid Sources/CertRPC 'CLMDB|COpenSSL|CertDomain|CertCrypto|CertStore|CertServer|CertAPI'
forbid Sources/certctl 'CLMDB|COpenSSL|CertDomain|CertStore|CertServer|CertCrypto'
forbid Sources/certload 'CLMDB|COpenSSL|CertDomain|CertStore|CertServer|CertCrypto'
forbid tools/certidl 'NIO[A-Za-z]*|Cert(Wire|TLS|RPC|API|Crypto|Domain|Store|Server|TestSupport)|COpenSSL|CLMDB'
[[ $status -eq 0 ]] && echo "check-imports: ok"
exit $status
