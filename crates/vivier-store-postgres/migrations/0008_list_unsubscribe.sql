-- The one-click unsubscribe address of a mail (RFC 8058), sent as its List-Unsubscribe header;
-- only alert mails have one.
ALTER TABLE outbox ADD COLUMN list_unsubscribe TEXT;
