# Sourced by the tools/*.sh scripts: the project's venv, offline model hubs (the MiniLM ships in a pip package),
# and the lesson's data folder beside the clone (../shared/data) when there is one. Without it, data are downloaded
# once into the cache and hash-checked (see nbs/90_data.ipynb).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ -f "$root/.venv/bin/activate" ] && source "$root/.venv/bin/activate"
export HF_HUB_OFFLINE="${HF_HUB_OFFLINE:-1}" TRANSFORMERS_OFFLINE="${TRANSFORMERS_OFFLINE:-1}" TOKENIZERS_PARALLELISM=false
if [ -z "${FASTLESSON_DATA:-}" ] && [ -d "$root/../shared/data" ]; then export FASTLESSON_DATA="$(cd "$root/../shared/data" && pwd)"; fi
if [ -z "${FASTLESSON_NOTES:-}" ] && [ -f "$root/../shared/lesson3-notes.md" ]; then export FASTLESSON_NOTES="$(cd "$root/../shared" && pwd)/lesson3-notes.md"; fi
