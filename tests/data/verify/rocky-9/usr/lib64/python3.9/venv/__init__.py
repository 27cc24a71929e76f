# venv
