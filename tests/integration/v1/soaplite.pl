#!/usr/bin/perl
# SPDX-License-Identifier: GPL-2.0-or-later
# SOAP V1 with Perl's SOAP::Lite and no WSDL: part names are c-gensym*,
# values typed by SOAP::Lite itself (strings of digits become xsd:int,
# arrays soapenc:Array, hashes SOAPStruct), so the server must bind call's
# parts by position.  Prints PASS:/FAIL: lines.
# usage: perl soaplite.pl BASE_URL
use strict;
use warnings;
use SOAP::Lite;
use Scalar::Util qw(reftype);

my $base = shift or die "usage: $0 BASE_URL\n";
my $soap = SOAP::Lite->uri('urn:Magento')->proxy("$base/api/soap/");
my $failed = 0;

sub ok {
    my ($what, $cond, $detail) = @_;
    if ($cond) { print "PASS: $what\n"; return 1; }
    $failed = 1;
    print "FAIL: $what\n";
    print "    $detail\n" if defined $detail;
    return 0;
}

sub show { my $s = SOAP::Serializer->new->serialize(@_); return substr($s, 0, 600); }

my $som = $soap->call('login', 'apiUser', 'wrong');
ok('login with a wrong key: fault 2 Access denied.',
   $som->fault && $som->faultcode eq '2' && $som->faultstring eq 'Access denied.',
   $som->fault ? $som->faultcode . ' ' . $som->faultstring : 'no fault');

$som = $soap->call('login', 'apiUser', 'apiKey');
my $sid = $som->fault ? '' : $som->result;
ok('login returns a 32-hex session id', $sid =~ /^[0-9a-f]{32}$/,
   $som->fault ? $som->faultstring : $sid);

$som = $soap->call('call', $sid, 'sales_order_invoice.info', '200000006');
my $inv = $som->fault ? undef : $som->result;
ok('call(info, scalar) returns the invoice as a hash',
   ref $inv eq 'HASH' && $inv->{increment_id} eq '200000006' && $inv->{grand_total} eq '384.9800',
   $som->fault ? $som->faultstring : show($inv));
ok('... with its items as an array of hashes',
   ref $inv eq 'HASH' && ref $inv->{items} eq 'ARRAY' && @{$inv->{items}} == 1
   && $inv->{items}[0]{sku} eq 'n2610-slider');
ok('... and NULL columns as undef', ref $inv eq 'HASH' && exists $inv->{transaction_id}
   && !defined $inv->{transaction_id});

$som = $soap->call('call', $sid, 'order_invoice.info', ['200000006']);
ok('call(alias info, [id]) works too',
   !$som->fault && ref $som->result eq 'HASH' && $som->result->{invoice_id} eq '1',
   $som->fault ? $som->faultstring : '');

# only two parts: args takes its PHP default, array()
$som = $soap->call('call', $sid, 'sales_order_invoice.list');
ok('call(list) without args lists every invoice',
   !$som->fault && ref $som->result eq 'ARRAY' && @{$som->result} == 5,
   $som->fault ? $som->faultstring : show($som->result));

$som = $soap->call('call', $sid, 'sales_order_invoice.list',
                   [{state => {in => [1, 3]}}]);
ok('call(list, [{state: {in: [1, 3]}}]) filters (hashes as SOAPStruct)',
   !$som->fault && ref $som->result eq 'ARRAY' && @{$som->result} == 4
   && !grep({ $_->{state} eq '2' } @{$som->result}),
   $som->fault ? $som->faultstring : show($som->result));

# itemsQty as a list of {order_item_id, qty} structs (the V2 shape)
$som = $soap->call('call', $sid, 'sales_order_invoice.create',
                   ['200000008', [{order_item_id => 16, qty => 2}], 'from perl', 0, 0]);
my $new = $som->fault ? '' : $som->result;
ok('call(create, [order, [{order_item_id, qty}], comment, 0, 0]) returns a new invoice',
   $new =~ /^2\d{8}$/, $som->fault ? $som->faultcode . ' ' . $som->faultstring : $new);
$som = $soap->call('call', $sid, 'sales_order_invoice.info', $new);
my $ni = $som->fault ? {} : $som->result;
ok('... holding 2 of item 16 and nothing else, with the comment',
   ref $ni->{items} eq 'ARRAY' && @{$ni->{items}} == 1 && $ni->{items}[0]{order_item_id} eq '16'
   && $ni->{items}[0]{qty} eq '2.0000' && $ni->{comments}[0]{comment} eq 'from perl',
   show($ni->{items}));

$som = $soap->call('call', $sid, 'sales_order_invoice.info', '999999999');
ok('an unknown invoice is fault 100 with its message',
   $som->fault && $som->faultcode eq '100' && $som->faultstring eq 'Requested invoice does not exist.',
   $som->fault ? $som->faultcode : 'no fault');

$som = $soap->call('call', $sid, 'sales_order_invoice.nosuch', '1');
ok('a bad path is fault 3', $som->fault && $som->faultcode eq '3');

$som = $soap->call('call', $sid, 'sales_order_invoice.info', []);
ok('info with an empty args array is a SOAP-ENV:Server fault without any path',
   $som->fault && $som->faultcode =~ /Server$/
   && $som->faultstring =~ /^Too few arguments to function Mage_Sales_Model_Order_Invoice_Api::info\(\), 0 passed and exactly 1 expected$/,
   $som->fault ? $som->faultcode . ' ' . $som->faultstring : 'no fault');

$som = $soap->call('multiCall', $sid, [['sales_order_invoice.info', '200000006'],
                                       ['sales_order_invoice.nosuch'],
                                       ['sales_order_invoice.capture', ['999999999']]]);
# the typed answer (ns1:FixedArray) comes back blessed into class FixedArray
my $mc = $som->fault ? [] : $som->result;
ok('multiCall returns one entry per call',
   (reftype($mc) // '') eq 'ARRAY' && @$mc == 3 && $mc->[0]{increment_id} eq '200000006',
   $som->fault ? $som->faultstring : show($mc));
ok('... failing entries as {isFault, faultCode, faultMessage}',
   ref $mc->[1] eq 'HASH' && $mc->[1]{faultCode} eq '3' && $mc->[1]{isFault}
   && $mc->[2]{faultCode} eq '100' && $mc->[2]{faultMessage} eq 'Requested invoice does not exist.',
   show([$mc->[1], $mc->[2]]));

$som = $soap->call('globalFaults', $sid);
ok('globalFaults lists the 7 global faults',
   !$som->fault && @{$som->result} == 7 && $som->result->[5]{code} eq '5');

$som = $soap->call('endSession', $sid);
ok('endSession returns true', !$som->fault && ($som->result eq '1' || $som->result eq 'true'),
   $som->fault ? $som->faultstring : $som->result);
$som = $soap->call('call', $sid, 'sales_order_invoice.info', '200000006');
ok('the ended session is fault 5', $som->fault && $som->faultcode eq '5');
exit($failed);
