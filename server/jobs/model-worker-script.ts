// The long-lived Python process that serves one replica of a Model API version (decision 0032).
// It loads the model once, then answers newline-delimited JSON on stdin/stdout:
//   → {"op":"bind","id":…,"parameters":{…}}     ← {"id":…,"ok":true} | {"id":…,"ok":false,"error":…}
//   → {"op":"predict","id":…,"parameters":{…}}  ← {"id":…,"ok":true,"result":{…}} | {"id":…,"ok":false,"error":…}
// and first says {"ready":true,"signature":…} or {"fatal":…}. Bind checks are answered by the
// reading thread at once (inspect.signature's bind), even while a prediction runs on the main
// thread. The model's own prints go to stderr (the instance log): the protocol has stdout alone.

export const MODEL_WORKER_PY = String.raw`
import importlib, importlib.util, inspect, json, os, queue, sys, threading, traceback

protocol = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
os.dup2(2, 1)
lock = threading.Lock()

def send(message):
    line = json.dumps(message, allow_nan=False)
    with lock:
        protocol.write(line + "\n")
        protocol.flush()

def describe(error):
    text = str(error)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__

def load(mode, root, entry, function, loader, code, data):
    os.chdir(root)
    if mode == "file":
        path = os.path.join(root, entry)
        sys.path[:0] = [os.path.dirname(path), root]
        spec = importlib.util.spec_from_file_location("domino_model", path)
        module = importlib.util.module_from_spec(spec)
        sys.modules["domino_model"] = module
        spec.loader.exec_module(module)
        owner = module
    else:
        model_dir = os.path.join(root, entry)
        if code:
            sys.path.insert(0, os.path.join(model_dir, code))
        sys.path.insert(0, model_dir)
        module = importlib.import_module(loader)
        # MLflow's python_function contract: the loader module's _load_pyfunc(data path) gives the
        # model, whose method serves; a module without one serves with its own function.
        if hasattr(module, "_load_pyfunc"):
            owner = module._load_pyfunc(os.path.join(model_dir, data) if data else model_dir)
        else:
            owner = module
    if not hasattr(owner, function):
        raise AttributeError(f"{entry} has no function {function!r}")
    fn = getattr(owner, function)
    if not callable(fn):
        raise TypeError(f"{function} in {entry} is not callable")
    return fn

def main():
    mode, root, entry, function, loader, code, data = (sys.argv[1:] + [""] * 7)[:7]
    try:
        fn = load(mode, root, entry, function, loader, code, data)
        signature = inspect.signature(fn)
    except BaseException as error:
        traceback.print_exc()
        send({"fatal": describe(error)})
        return 1
    send({"ready": True, "signature": f"{function}{signature}"})
    work = queue.Queue()

    def read():
        for line in sys.stdin:
            message = json.loads(line)
            if message.get("op") == "bind":
                try:
                    signature.bind(**message["parameters"])
                    send({"id": message["id"], "ok": True})
                except TypeError as error:
                    send({"id": message["id"], "ok": False, "error": str(error)})
            else:
                work.put(message)
        work.put(None)

    threading.Thread(target=read, daemon=True).start()
    while True:
        message = work.get()
        if message is None:
            return 0
        try:
            value = fn(**message["parameters"])
            result = value if isinstance(value, dict) else {"prediction": value}
            try:
                line = json.dumps({"id": message["id"], "ok": True, "result": result}, allow_nan=False)
            except (TypeError, ValueError) as error:
                raise TypeError(f"the model's return value is not JSON: {error}") from None
        except BaseException as error:
            traceback.print_exc()
            send({"id": message["id"], "ok": False, "error": describe(error)})
            continue
        with lock:
            protocol.write(line + "\n")
            protocol.flush()

sys.exit(main())
`;
