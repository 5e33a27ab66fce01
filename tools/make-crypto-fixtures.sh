#!/usr/bin/env bash
# Regenerates the committed CertCrypto test fixtures with the openssl CLI (OpenSSL 3.0).
# Validity is far in the future (36500 days) so tests never expire; rerun only to change the set.
# Usage: tools/make-crypto-fixtures.sh   (writes Tests/CertCryptoTests/Fixtures)
set -euo pipefail
cd "$(dirname "$0")/.."
out=Tests/CertCryptoTests/Fixtures
rm -rf "$out" && mkdir -p "$out"
cd "$out"
DAYS=36500
ID=1234567812345678
PASS=secret

cat > ca.ext <<'X'
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid:always
X
cat > int.ext <<'X'
basicConstraints=critical,CA:TRUE,pathlen:0
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid:always
X
leaf_ext() { # name sans
  cat > "$1.ext" <<X
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth,clientAuth
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
subjectAltName=$2
X
}

# --- RSA chain: root -> intermediate -> leaf a.example.com (and leaf b.example.com) ---
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa-root.key 2>/dev/null
openssl req -x509 -new -key rsa-root.key -sha256 -days $DAYS -subj "/C=US/O=Certd Test/CN=Certd Test RSA Root" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out rsa-root.crt
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa-int.key 2>/dev/null
openssl req -new -key rsa-int.key -subj "/C=US/O=Certd Test/CN=Certd Test RSA Intermediate" -out rsa-int.csr
openssl x509 -req -in rsa-int.csr -CA rsa-root.crt -CAkey rsa-root.key -CAcreateserial -sha256 -days $DAYS \
  -extfile int.ext -out rsa-int.crt 2>/dev/null
for name in a b; do
  leaf_ext "rsa-leaf-$name" "DNS:$name.example.com,DNS:www.$name.example.com,IP:192.0.2.1,IP:2001:db8::1,email:admin@$name.example.com,URI:https://$name.example.com/"
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "rsa-leaf-$name.key" 2>/dev/null
  openssl req -new -key "rsa-leaf-$name.key" -subj "/C=US/O=Example $name/CN=$name.example.com" -out "rsa-leaf-$name.csr"
  openssl x509 -req -in "rsa-leaf-$name.csr" -CA rsa-int.crt -CAkey rsa-int.key -CAcreateserial -sha256 -days $DAYS \
    -extfile "rsa-leaf-$name.ext" -out "rsa-leaf-$name.crt" 2>/dev/null
done
# Key encodings of leaf a: PKCS#8 (above), PKCS#1, encrypted PKCS#8, legacy encrypted PEM, DER.
openssl pkey -in rsa-leaf-a.key -traditional -out rsa-leaf-a.pkcs1.key
openssl pkcs8 -topk8 -in rsa-leaf-a.key -v2 aes-256-cbc -passout pass:$PASS -out rsa-leaf-a.enc-pkcs8.key
openssl rsa -in rsa-leaf-a.key -aes256 -traditional -passout pass:$PASS -out rsa-leaf-a.legacy-enc.key 2>/dev/null
openssl pkey -in rsa-leaf-a.key -outform DER -out rsa-leaf-a.key.der
openssl x509 -in rsa-leaf-a.crt -outform DER -out rsa-leaf-a.der
openssl pkcs12 -export -inkey rsa-leaf-a.key -in rsa-leaf-a.crt -certfile rsa-int.crt -name a -passout pass:$PASS \
  -out rsa-leaf-a.p12

# --- EC P-256 chain: root -> intermediate -> leaf c.example.com ---
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ec-root.key
openssl req -x509 -new -key ec-root.key -sha256 -days $DAYS -subj "/O=Certd Test/CN=Certd Test EC Root" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out ec-root.crt
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ec-int.key
openssl req -new -key ec-int.key -subj "/O=Certd Test/CN=Certd Test EC Intermediate" -out ec-int.csr
openssl x509 -req -in ec-int.csr -CA ec-root.crt -CAkey ec-root.key -CAcreateserial -sha256 -days $DAYS \
  -extfile int.ext -out ec-int.crt 2>/dev/null
leaf_ext ec-leaf "DNS:c.example.com"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ec-leaf.key
openssl ec -in ec-leaf.key -out ec-leaf.sec1.key 2>/dev/null
openssl req -new -key ec-leaf.key -subj "/CN=c.example.com" -out ec-leaf.csr
openssl x509 -req -in ec-leaf.csr -CA ec-int.crt -CAkey ec-int.key -CAcreateserial -sha256 -days $DAYS \
  -extfile ec-leaf.ext -out ec-leaf.crt 2>/dev/null

# --- SM2 dual: root -> signing leaf + encryption leaf (SM3, distid) ---
openssl genpkey -algorithm SM2 -out sm2-root.key
openssl req -x509 -new -key sm2-root.key -sm3 -sigopt distid:$ID -subj "/C=CN/O=Certd Test/CN=Certd Test SM2 Root" \
  -days $DAYS -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out sm2-root.crt
for role in sign enc; do
  if [[ $role == sign ]]; then ku=digitalSignature,nonRepudiation; else ku=keyEncipherment,dataEncipherment,keyAgreement; fi
  cat > "sm2-$role.ext" <<X
basicConstraints=critical,CA:FALSE
keyUsage=critical,$ku
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
subjectAltName=DNS:sm2.example.cn
X
  openssl genpkey -algorithm SM2 -out "sm2-$role.key"
  openssl req -new -key "sm2-$role.key" -sm3 -sigopt distid:$ID -subj "/C=CN/O=Example SM2/CN=sm2.example.cn" -out "sm2-$role.csr"
  openssl x509 -req -in "sm2-$role.csr" -CA sm2-root.crt -CAkey sm2-root.key -CAcreateserial -sm3 -days $DAYS \
    -extfile "sm2-$role.ext" -vfyopt distid:$ID -sigopt distid:$ID -out "sm2-$role.crt" 2>/dev/null
done

# --- Ed25519 self-signed ---
openssl genpkey -algorithm ED25519 -out ed25519.key
openssl req -x509 -new -key ed25519.key -days $DAYS -subj "/CN=ed25519.example.com" -out ed25519.crt

# --- CSR with SANs for parsing tests ---
openssl req -new -key rsa-leaf-a.key -subj "/C=US/O=Example a/CN=a.example.com" \
  -addext "subjectAltName=DNS:a.example.com,IP:192.0.2.1" -out rsa-leaf-a-sans.csr

rm -f ./*.srl ./*.ext
ls
