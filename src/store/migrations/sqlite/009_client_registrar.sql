-- Who registered a client decides where Authly may send requests on its behalf: only a client an
-- administrator registered may have back-channel logout or jwks_uri requests reach loopback or
-- private addresses. New rows say so explicitly; existing clients count as administrator-registered
-- only when the audit trail shows an administrator (or the CLI) created them, never the anonymous
-- or initial-access-token registration endpoint (actor 'dynamic_registration'). Without such a
-- record a client is treated as self-registered: an administrator re-creates it to restore access.
ALTER TABLE clients ADD COLUMN registered_by_admin INTEGER NOT NULL DEFAULT 0;
UPDATE clients SET registered_by_admin = 1
  WHERE id IN (SELECT subject FROM audit_events WHERE type = 'client.created' AND actor <> 'dynamic_registration');
