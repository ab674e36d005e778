SELECT 'it''s', "q""i" -- c;
;