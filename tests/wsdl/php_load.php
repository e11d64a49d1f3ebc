<?php
/*
 * Load a rendered WSDL with PHP's SoapClient (offline, no WSDL cache) and list
 * what it understood.
 *
 *   php tests/wsdl/php_load.php FILE.wsdl EXPECTED_FUNCTIONS EXPECTED_TYPES [-v]
 *
 * Exit status 0 if SoapClient accepted the WSDL and reported exactly the
 * expected numbers of functions and types.
 */
ini_set('soap.wsdl_cache_enabled', '0');
ini_set('default_socket_timeout', '1');
if ($argc < 4) {
    fwrite(STDERR, "usage: php php_load.php FILE.wsdl EXPECTED_FUNCTIONS EXPECTED_TYPES [-v]\n");
    exit(2);
}
$f = $argv[1];
try {
    $c = new SoapClient('file://' . realpath($f), ['cache_wsdl' => WSDL_CACHE_NONE, 'exceptions' => true]);
} catch (Throwable $e) {
    echo "PHP SoapClient rejected $f: " . $e->getMessage() . "\n";
    exit(1);
}
$fn = $c->__getFunctions();
$ty = $c->__getTypes();
echo "php SoapClient: $f: " . count($fn) . " functions, " . count($ty) . " types\n";
if (in_array('-v', $argv, true)) {
    foreach ($fn as $x) echo "    F: $x\n";
    foreach ($ty as $x) echo "    T: " . preg_replace('/\s+/', ' ', $x) . "\n";
}
if (count($fn) != (int)$argv[2] || count($ty) != (int)$argv[3]) {
    echo "    expected {$argv[2]} functions and {$argv[3]} types\n";
    exit(1);
}
exit(0);
