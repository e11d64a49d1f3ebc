#!/bin/sh
# Validate the served WSDLs (wsdl/v1.wsdl.in, v2.wsdl.in, wsi.wsdl.in) with real
# SOAP client tool chains, offline.  A client whose tool is not installed is
# skipped (SKIP); any other problem makes the script exit non-zero.
#
#   tests/wsdl/validate_clients.sh
#
# Environment:
#   CAPTURES  directory with the recorded OpenMage traffic (default
#             tests/captures); PHP ext/soap and zeep replay it through our WSDLs
#             (rendered with urn:OpenMage, as recorded).  Missing: a failure.
#   WSDL_DIR  directory holding v1.wsdl.in, v2.wsdl.in, wsi.wsdl.in (default wsdl/).
#   KEEP=1    keep the temporary directory (path is printed).
#
# Checks:
#   php    SoapClient loads v1/v2/wsi (8/19/21 functions), __getFunctions/__getTypes;
#          php_replay.php: captured request bytes + SOAPAction reproduced, captured
#          responses decoded as recorded (v1, v2, wsi).
#   zeep   python-zeep loads wsi with network access forbidden; zeep_replay.py.
#   mono   `wsdl` generates a proxy from wsi without warnings, `mcs` compiles it.
#   axis   Axis 1.4 WSDL2Java generates stubs from v2 (HTTP proxied to a dead
#          port, so any fetch fails), `javac` compiles them.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
CAPTURES=${CAPTURES:-$root/tests/captures}
WSDL_DIR=${WSDL_DIR:-$root/wsdl}
tmp=$(mktemp -d)
if [ "${KEEP:-0}" = 1 ]; then echo "temporary files in $tmp"; else trap 'rm -rf "$tmp"' EXIT; fi
fail=0
ok()   { echo "PASS: $*"; }
bad()  { echo "FAIL: $*"; fail=1; }
skip() { echo "SKIP: $*"; }

PY=python3
command -v "$PY" >/dev/null 2>&1 || PY=/usr/bin/python3

# ---- render (default profile and the profile the captures were recorded in)
for s in v1 v2 wsi; do
    case $s in v1) loc=http://127.0.0.1:8080/api/soap/ ;; *) loc=http://127.0.0.1:8080/api/v2_soap/ ;; esac
    "$PY" "$here/render.py" --ns urn:Magento --name Magento --location "$loc" \
        "$WSDL_DIR/$s.wsdl.in" "$tmp/$s.wsdl" || { bad "render $s"; continue; }
    "$PY" "$here/render.py" --ns urn:OpenMage --name OpenMage --location "$loc" \
        "$WSDL_DIR/$s.wsdl.in" "$tmp/om-$s.wsdl" || bad "render $s (openmage)"
done
if grep -l 'schemaLocation\|location="http://schemas' "$tmp"/*.wsdl; then
    bad "a served WSDL imports an external schema"
fi
for f in v1-SUMMARY.json v2-SUMMARY.json wsi-SUMMARY.json; do
    [ -f "$CAPTURES/$f" ] || bad "missing capture $CAPTURES/$f (tests/captures/README.md)"
done

# ---- PHP ext/soap
if command -v php >/dev/null 2>&1 && php -m 2>/dev/null | grep -qi '^soap$'; then
    for spec in "v1 8 1" "v2 19 32" "wsi 21 73"; do
        # shellcheck disable=SC2086  # split "style functions types" on purpose
        set -- $spec
        if php "$here/php_load.php" "$tmp/$1.wsdl" "$2" "$3"; then ok "php SoapClient $1"; else bad "php SoapClient $1"; fi
        if php "$here/php_load.php" "$tmp/om-$1.wsdl" "$2" "$3" >/dev/null; then :; else bad "php SoapClient $1 (openmage profile)"; fi
        if php "$here/php_replay.php" "$1" "$tmp/om-$1.wsdl" "$CAPTURES"; then ok "php replay $1"; else bad "php replay $1"; fi
    done
else
    skip "php (php-cli with the soap extension not installed)"
fi

# ---- python-zeep (WS-I)
ZPY=
for p in python3 /usr/bin/python3; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import zeep' >/dev/null 2>&1; then ZPY=$p; break; fi
done
if [ -n "$ZPY" ]; then
    if "$ZPY" "$here/zeep_replay.py" "$tmp/wsi.wsdl"; then ok "zeep wsi"; else bad "zeep wsi"; fi
    if "$ZPY" "$here/zeep_replay.py" "$tmp/om-wsi.wsdl" "$CAPTURES"; then ok "zeep replay wsi"; else bad "zeep replay wsi"; fi
else
    skip "zeep (python3-zeep not installed)"
fi

# ---- Mono wsdl + mcs (WS-I)
if command -v wsdl >/dev/null 2>&1 && command -v mcs >/dev/null 2>&1; then
    mkdir "$tmp/mono"
    if (cd "$tmp/mono" && wsdl "$tmp/wsi.wsdl") >"$tmp/mono/wsdl.log" 2>&1 && [ -s "$tmp/mono/MagentoService.cs" ]; then
        if grep -qi 'warning\|error' "$tmp/mono/wsdl.log"; then
            cat "$tmp/mono/wsdl.log"; bad "mono wsdl wsi printed warnings"
        else
            ok "mono wsdl wsi ($(grep -c 'SoapDocumentMethodAttribute(' "$tmp/mono/MagentoService.cs") operations in the proxy)"
        fi
        if mcs -target:library -r:System.Web.Services -r:System.Xml -out:"$tmp/mono/MagentoService.dll" \
                "$tmp/mono/MagentoService.cs" >"$tmp/mono/mcs.log" 2>&1; then
            ok "mcs compiled the wsi proxy"
        else
            cat "$tmp/mono/mcs.log"; bad "mcs wsi proxy"
        fi
    else
        cat "$tmp/mono/wsdl.log"; bad "mono wsdl wsi"
    fi
else
    skip "mono (wsdl/mcs not installed)"
fi

# ---- Apache Axis 1.4 WSDL2Java (V2)
# shellcheck disable=SC2012
AXCP=$(ls /usr/share/java/axis*.jar /usr/share/java/jaxrpc*.jar /usr/share/java/saaj*.jar \
          /usr/share/java/commons-logging*.jar /usr/share/java/commons-discovery*.jar \
          /usr/share/java/wsdl4j*.jar /usr/share/java/*activation*.jar /usr/share/java/*mail*.jar 2>/dev/null | tr '\n' :)
if command -v java >/dev/null 2>&1 && ls /usr/share/java/axis*.jar >/dev/null 2>&1; then
    if java -Dhttp.proxyHost=127.0.0.1 -Dhttp.proxyPort=9 -Dhttps.proxyHost=127.0.0.1 -Dhttps.proxyPort=9 \
            -cp "$AXCP" org.apache.axis.wsdl.WSDL2Java -o "$tmp/axis" "$tmp/v2.wsdl" >"$tmp/axis.log" 2>&1 \
            && [ -f "$tmp/axis/Magento/MagentoServiceLocator.java" ]; then
        ok "axis WSDL2Java v2 ($(find "$tmp/axis/Magento" -name '*.java' | wc -l) classes, MagentoServiceLocator)"
        if command -v javac >/dev/null 2>&1; then
            mkdir "$tmp/axis-classes"
            # shellcheck disable=SC2046
            if javac -nowarn -cp "$AXCP" -d "$tmp/axis-classes" $(find "$tmp/axis" -name '*.java') >"$tmp/javac.log" 2>&1; then
                ok "javac compiled the axis stubs"
            else
                cat "$tmp/javac.log"; bad "javac axis stubs"
            fi
        else
            skip "javac (not installed)"
        fi
    else
        cat "$tmp/axis.log"; bad "axis WSDL2Java v2"
    fi
else
    skip "axis (java or /usr/share/java/axis*.jar not installed)"
fi

if [ $fail = 0 ]; then echo "validate_clients: all available clients accept the WSDLs"; else echo "validate_clients: FAILED"; fi
exit $fail
