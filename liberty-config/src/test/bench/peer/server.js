// The receiver of Stripe's docs (express.raw + stripe.webhooks.constructEvent) storing each event with one
// INSERT ... ON CONFLICT DO NOTHING: what a user would write instead of running Billhook. Its table is its own
// (made by ingest.sh). env: PEER_PORT, STRIPE_WEBHOOK_SECRET, PGHOST/PGPORT/PGDATABASE/PGUSER.
const express = require('express');
const Stripe = require('stripe');
const { Pool } = require('pg');

const stripe = Stripe('sk_test_unused_by_signature_checks');
const secret = process.env.STRIPE_WEBHOOK_SECRET;
const pool = new Pool({ max: 16 });
const app = express();

app.post('/webhooks/stripe', express.raw({ type: 'application/json' }), async (req, res) => {
  let event;
  try {
    event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'], secret);
  } catch (err) {
    return res.status(400).send(`Webhook Error: ${err.message}`);
  }
  try {
    await pool.query(
      'INSERT INTO bench_peer_event (stripe_event_id, event_type, payload) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [event.id, event.type, req.body.toString('utf8')]);
  } catch (err) {
    return res.status(503).send('database unavailable');
  }
  res.json({ received: true });
});

app.listen(Number(process.env.PEER_PORT || 3999), '127.0.0.1');
