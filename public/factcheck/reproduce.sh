# Reruns every check of run_outputs.txt and params_out.txt and compares the output with those
# records. Needs TensorFlow 2.21.0 (or tensorflow-cpu 2.21.0), Keras 3.15.1 and NumPy: see README.txt.
# Paths are shortened as in the record: the script's own folder is dropped, the Python packages
# folder becomes <site-packages>.
set -u
cd "$(dirname "$0")"
export TF_CPP_MIN_LOG_LEVEL=3
here="$(pwd)/"
site="$(python3 -c 'import keras, os; print(os.path.dirname(os.path.dirname(keras.__file__)))' 2>/dev/null)"
run="$(mktemp)"
{
  bash run_snippets.sh
  for f in probe.py check_formula.py probe2.py; do python3 "$f"; done
} 2>/dev/null | sed -e "s#${site}#<site-packages>#g" -e "s#${here}##g" > "$run"
status=0
if diff "$run" run_outputs.txt; then echo "same as run_outputs.txt"; else echo "differs from run_outputs.txt (<: this run, >: the record)"; status=1; fi
if python3 params.py | diff - params_out.txt; then echo "same as params_out.txt"; else echo "differs from params_out.txt (<: this run, >: the record)"; status=1; fi
rm -f "$run"
exit "$status"
