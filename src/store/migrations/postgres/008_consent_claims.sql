-- What a user consented to beyond scopes: the claims named individually by the OIDC `claims`
-- parameter (OIDC Core §5.5), space-separated. A request for a claim that neither these nor the
-- claims of the consented scopes (§5.4) cover needs the consent page again. Consents given before
-- hold no individual claims, so such a request asks once more.
ALTER TABLE consents ADD COLUMN claims TEXT NOT NULL DEFAULT '';
