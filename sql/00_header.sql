-- ai_memory: the extension's objects. The files sql/NN_area.sql, concatenated
-- in name order, are the current full install script (extension/Makefile);
-- released scripts are frozen under migrations/.
\echo Use "CREATE EXTENSION ai_memory" to load this file. \quit
