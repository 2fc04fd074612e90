-- OIDC Registration §2 userinfo_signed_response_alg: the algorithm of the client's signed UserInfo
-- responses (OIDC Core §5.3.2); '' (every existing client) means plain JSON.
ALTER TABLE clients ADD COLUMN userinfo_signed_response_alg TEXT NOT NULL DEFAULT '';
