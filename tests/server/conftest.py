"""The server tests use the shared cluster fixtures of tests/server_cluster.py (pg_cluster,
pg_database, server_url, server_folder), which tests/conftest.py makes available everywhere."""
