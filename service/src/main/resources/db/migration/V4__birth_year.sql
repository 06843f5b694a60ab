-- name + birth date: the fingerprint of the birth year too, so that a dossier giving only the year
-- ("Иванов Иван Иванович, 1985 г.р.") raises the alert (NULL for rows made before this column)
ALTER TABLE subject_identifiers ADD COLUMN fingerprint3 VARCHAR(64);
