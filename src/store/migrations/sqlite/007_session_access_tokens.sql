-- Ending a browser session denies the access tokens issued under it: they are found through the
-- codes that session approved (authorization_codes.session_id -> family_id -> family_access_tokens).
CREATE INDEX authorization_codes_session_id ON authorization_codes (session_id);
