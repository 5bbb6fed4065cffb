-- When each key was last used (to the minute): operators find unused keys before revoking them.
ALTER TABLE api_key ADD COLUMN last_used_at timestamptz;
