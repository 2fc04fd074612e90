-- The scopes every OpenID provider offers (OIDC Core §5.4, §11) and Authly's administrative scopes,
-- so that clients can be registered with them on a fresh database.
INSERT INTO scopes (name, description, is_default, created_at) VALUES ('openid', 'Sign you in with your account', 0, 0);
INSERT INTO scopes (name, description, is_default, created_at) VALUES ('profile', 'Your name and basic profile', 0, 0);
INSERT INTO scopes (name, description, is_default, created_at) VALUES ('email', 'Your e-mail address', 0, 0);
INSERT INTO scopes (name, description, is_default, created_at) VALUES ('address', 'Your postal address', 0, 0);
INSERT INTO scopes (name, description, is_default, created_at) VALUES ('phone', 'Your phone number', 0, 0);
INSERT INTO scopes (name, description, is_default, created_at) VALUES ('offline_access', 'Stay signed in to this app while you are away', 0, 0);
INSERT INTO scopes (name, description, is_default, created_at) VALUES ('authly:admin:read', 'Read Authly administration data', 0, 0);
INSERT INTO scopes (name, description, is_default, created_at) VALUES ('authly:admin:write', 'Change Authly administration data', 0, 0);
