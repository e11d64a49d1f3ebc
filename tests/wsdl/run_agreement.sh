#!/bin/sh
# Prove that the served WSDL templates and the gSOAP IDL headers agree.
#
#   tests/wsdl/run_agreement.sh            # from any directory
#
# 1. renders wsdl/v2.wsdl.in and wsdl/wsi.wsdl.in (ns=urn:Magento, name=Magento,
#    location=http://127.0.0.1:8080/api/v2_soap/);
# 2. runs soapcpp2 on wsdl/magento_v2.gsoap.h and wsdl/magento_wsi.gsoap.h into
#    temporary directories (the build's flags -- V2 with -t -- minus -w so that
#    soapcpp2 writes its own WSDL), fails on any "Compliance warning" for WS-I;
# 3. compiles the generated <name>ServerLib.c (gcc + pkg-config gsoapssl);
# 4. runs tests/wsdl/check_agreement.py for both styles.
# Exit status 0 = all good.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
PY=${PYTHON:-python3}
SOAPCPP2=${SOAPCPP2:-soapcpp2}
IMPORT=${GSOAP_IMPORT:-/usr/share/gsoap/import}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
LOC=http://127.0.0.1:8080/api/v2_soap/
rc=0

for style in v2 wsi; do
    "$PY" "$here/render.py" --ns urn:Magento --name Magento --location "$LOC" \
        "$root/wsdl/$style.wsdl.in" "$tmp/$style.wsdl"
    mkdir "$tmp/gen-$style"
    extra=
    [ "$style" = v2 ] && extra=-t
    # shellcheck disable=SC2086
    if ! "$SOAPCPP2" -c -S -n -x $extra -p"$style" -d"$tmp/gen-$style" -I"$IMPORT" \
            "$root/wsdl/magento_$style.gsoap.h" >"$tmp/soapcpp2-$style.log" 2>&1; then
        cat "$tmp/soapcpp2-$style.log"
        echo "FAIL: soapcpp2 rejected wsdl/magento_$style.gsoap.h"
        exit 1
    fi
    if [ "$style" = wsi ] && grep -i "compliance warning" "$tmp/soapcpp2-$style.log"; then
        echo "FAIL: soapcpp2 printed WS-I compliance warnings for wsdl/magento_wsi.gsoap.h"
        rc=1
    fi
    if command -v gcc >/dev/null 2>&1 && pkg-config --exists gsoapssl 2>/dev/null; then
        # shellcheck disable=SC2046
        if ! gcc -Wall -Wextra $(pkg-config --cflags gsoapssl) -c "$tmp/gen-$style/${style}ServerLib.c" \
                -o "$tmp/gen-$style/lib.o"; then
            echo "FAIL: generated ${style}ServerLib.c does not compile"
            rc=1
        fi
    else
        echo "SKIP: compile check (gcc or pkg-config gsoapssl missing)"
    fi
    if ! "$PY" "$here/check_agreement.py" --style "$style" --served "$tmp/$style.wsdl" \
            --generated "$tmp/gen-$style"; then
        rc=1
    fi
done
exit $rc
