#!/usr/bin/env bash
# Regenerates the key-store fixtures in Tests/CertCryptoTests/Fixtures/keystores/ with the openssl CLI
# and Java's keytool, then cross-checks certd's own JKS writer with keytool.
#
# Everything is valid for 100 years: expiry is never the point of these fixtures.
# Passwords: every store uses "changeit"; keypass.jks protects its key with "keypass-2";
# empty-password.p12 uses the empty password.
#
# Usage: tools/make-keystore-fixtures.sh            (from the repository root; needs openssl and keytool)
#        tools/make-keystore-fixtures.sh --check-only      (only re-run the keytool cross-check of certd's JKS)
#        tools/make-keystore-fixtures.sh --no-cross-check  (only the openssl/keytool fixtures)
set -euo pipefail
cd "$(dirname "$0")/.."
out=Tests/CertCryptoTests/Fixtures/keystores
mkdir -p "$out"
pw=changeit
days=36500
ID=1234567812345678

if [[ "${1:-}" != "--check-only" ]]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT

  # --- PEM originals: EC P-256 root -> EC P-256 intermediate -> RSA-2048 leaf; a self-signed SM2 leaf.
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/root.key"
  openssl req -x509 -new -key "$work/root.key" -sha256 -days $days -subj "/CN=certd fixture root" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out "$out/root.pem"
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/inter.key"
  openssl req -new -key "$work/inter.key" -subj "/CN=certd fixture intermediate" -out "$work/inter.csr"
  printf 'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n' > "$work/inter.ext"
  openssl x509 -req -in "$work/inter.csr" -CA "$out/root.pem" -CAkey "$work/root.key" -CAserial "$work/root.srl" -CAcreateserial \
    -days $days -sha256 -extfile "$work/inter.ext" -out "$out/intermediate.pem"
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$out/leaf.key"
  openssl req -new -key "$out/leaf.key" -subj "/CN=leaf.example.com" -out "$work/leaf.csr"
  printf 'basicConstraints=CA:FALSE\nsubjectAltName=DNS:leaf.example.com\nextendedKeyUsage=serverAuth\n' \
    > "$work/leaf.ext"
  openssl x509 -req -in "$work/leaf.csr" -CA "$out/intermediate.pem" -CAkey "$work/inter.key" -CAserial "$work/inter.srl" -CAcreateserial \
    -days $days -sha256 -extfile "$work/leaf.ext" -out "$out/leaf.pem"
  cat "$out/intermediate.pem" "$out/root.pem" > "$work/chain.pem"

  openssl genpkey -algorithm SM2 -out "$out/sm2.key"
  openssl req -x509 -new -key "$out/sm2.key" -sm3 -sigopt distid:$ID -days $days -subj "/CN=sm2.example.cn" \
    -out "$out/sm2.pem"

  # --- PKCS#12 variants (shared notes section 4).
  openssl pkcs12 -export -inkey "$out/leaf.key" -in "$out/leaf.pem" -certfile "$work/chain.pem" -name leaf \
    -passout pass:$pw -out "$out/modern.p12"
  openssl pkcs12 -export -legacy -inkey "$out/leaf.key" -in "$out/leaf.pem" -certfile "$work/chain.pem" -name leaf \
    -passout pass:$pw -out "$out/legacy.p12"
  openssl pkcs12 -export -keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-3DES -macalg sha1 -inkey "$out/leaf.key" \
    -in "$out/leaf.pem" -certfile "$work/chain.pem" -name leaf -passout pass:$pw -out "$out/3des.p12"
  openssl pkcs12 -export -inkey "$out/sm2.key" -in "$out/sm2.pem" -name sm2 -passout pass:$pw -out "$out/sm2.p12"
  openssl pkcs12 -export -inkey "$out/leaf.key" -in "$out/leaf.pem" -certfile "$work/chain.pem" -name leaf \
    -passout pass: -out "$out/empty-password.p12"

  # --- Java key stores made by keytool (JDK 17 defaults to PKCS12, so the type is explicit).
  rm -f "$out/store.jks" "$out/keypass.jks" "$out/store.jceks"
  for type in JKS JCEKS; do
    file="$out/store.$(echo $type | tr A-Z a-z)"
    keytool -importkeystore -noprompt -srckeystore "$out/modern.p12" -srcstoretype PKCS12 -srcstorepass $pw \
      -srcalias leaf -destalias leaf -destkeystore "$file" -deststoretype $type -deststorepass $pw \
      -destkeypass $pw 2>/dev/null
    keytool -importcert -noprompt -alias root -file "$out/root.pem" -keystore "$file" -storetype $type \
      -storepass $pw 2>/dev/null
  done
  # Java's own PKCS#12 (JDK 17: PBES2/AES-256, HMAC-SHA-256 MAC), holding the key entry and the trusted root.
  rm -f "$out/keytool.p12"
  keytool -importkeystore -noprompt -srckeystore "$out/store.jks" -srcstoretype JKS -srcstorepass $pw \
    -destkeystore "$out/keytool.p12" -deststoretype PKCS12 -deststorepass $pw 2>/dev/null
  keytool -importkeystore -noprompt -srckeystore "$out/modern.p12" -srcstoretype PKCS12 -srcstorepass $pw \
    -srcalias leaf -destalias leaf -destkeystore "$out/keypass.jks" -deststoretype JKS -deststorepass $pw \
    -destkeypass keypass-2 2>/dev/null
fi

[[ "${1:-}" == "--no-cross-check" ]] && exit 0

# --- Cross-check certd's JKS writer: the test below rewrites written-by-certd.jks (fixed salt and date, so
# the bytes are reproducible) and keytool must list it. The committed listing is the evidence; the Swift
# test then proves, without keytool, that the writer still produces exactly these bytes.
CERTD_UPDATE_KEYSTORE_FIXTURES=1 swift test --filter JKSWriterTests >/dev/null
keytool -list -v -keystore "$out/written-by-certd.jks" -storetype JKS -storepass $pw 2>&1 \
  | sed -e 's/[[:space:]]*$//' > "$out/written-by-certd.keytool.txt"
grep -q "Your keystore contains 2 entries" "$out/written-by-certd.keytool.txt"
# keytool needs the key password to prove the key entry decrypts: export it to PKCS#12 and read it back.
tmp=$(mktemp -d)
keytool -importkeystore -noprompt -srckeystore "$out/written-by-certd.jks" -srcstoretype JKS -srcstorepass $pw \
  -destkeystore "$tmp/check.p12" -deststoretype PKCS12 -deststorepass $pw 2>&1 | sed -e "s|$tmp|<tmp>|" \
  >> "$out/written-by-certd.keytool.txt"
openssl pkcs12 -in "$tmp/check.p12" -passin pass:$pw -nodes -nocerts | openssl pkey -pubout \
  > "$tmp/from-keytool.pub"
openssl pkey -in "$out/leaf.key" -pubout > "$tmp/leaf.pub"
cmp "$tmp/from-keytool.pub" "$tmp/leaf.pub"
echo "keytool re-exported the certd-written key entry; its public key equals leaf.key's" \
  >> "$out/written-by-certd.keytool.txt"
rm -rf "$tmp"
echo "fixtures written to $out"
