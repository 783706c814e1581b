# Sourced by the smoke tests: posts a signed customer.created and invoice.finalized of the subscription scenario
# to $url with $secret, and checks that both end PROCESSED and the invoice is linked to company 42's billing period,
# asking the database with the caller's function db_query.
events=../shared/stripe-events/scenario-subscription-lifecycle

post() {
  local t sig
  t=$(date +%s)
  sig=$(printf '%s.' "$t" | cat - "$1" | openssl dgst -sha256 -hmac "$secret" -hex | sed 's/^.* //')
  curl -sf -X POST "$url/webhooks/stripe" -H 'Content-Type: application/json' \
       -H "Stripe-Signature: t=$t,v1=$sig" --data-binary @"$1"
  echo
}

post_two_events_and_check() {
  post "$events/01-customer.created.json"
  post "$events/04-invoice.finalized.json"
  local linked=0 processed
  for _ in $(seq 1 60); do
    linked=$(db_query "SELECT count(*) FROM invoice i JOIN billing_period p ON p.id = i.billing_period_id
                       WHERE i.stripe_invoice_id = 'in_1tzSEi2eC3uLkQFzixF6oUQc' AND p.company_id = 42" 2>/dev/null || echo 0)
    [ "$linked" = "1" ] && break
    sleep 1
  done
  db_query "SELECT event_type, status FROM webhook_event
            WHERE provider_event_id IN ('evt_1NKYzr2eC3uLkQFzuXWcqT4x', 'evt_1i2Csd2eC3uLkQFzqVE9x9pW') ORDER BY id"
  [ "$linked" = "1" ] || { echo "smoke: FAILED, the invoice is not linked"; return 1; }
  processed=$(db_query "SELECT count(*) FROM webhook_event WHERE provider_event_id IN
                        ('evt_1NKYzr2eC3uLkQFzuXWcqT4x', 'evt_1i2Csd2eC3uLkQFzqVE9x9pW') AND status = 'PROCESSED'")
  [ "$processed" = "2" ] || { echo "smoke: FAILED, $processed of 2 events PROCESSED"; return 1; }
}
