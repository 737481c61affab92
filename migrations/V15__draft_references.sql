-- References that need no gapless series: a subscription (made with every tree request) and the drafts of
-- invoices and credit notes (made by the invoice run, one per customer). Their legal numbers stay gapless;
-- a counter row locked until each transaction ends would make tree requests and the run's workers wait on
-- one another. The sequences start after any reference already given.
CREATE SEQUENCE reference_sub_seq;
CREATE SEQUENCE reference_invd_seq;
CREATE SEQUENCE reference_cnd_seq;
SELECT setval('reference_sub_seq', next_value, false) FROM reference_series WHERE series = 'SUB';
SELECT setval('reference_invd_seq', next_value, false) FROM reference_series WHERE series = 'INVD';
SELECT setval('reference_cnd_seq', next_value, false) FROM reference_series WHERE series = 'CND';
