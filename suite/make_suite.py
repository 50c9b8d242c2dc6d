#!/usr/bin/env python3
"""Writes the labelled suite: one folder per case (model.py + optional data.npz) and manifest.json.
Pure Python (no numpy): the .npz files are written by hand (a zip of .npy arrays). Deterministic."""
import csv, gzip, io, json, math, os, random, struct, zipfile

ROOT = os.path.dirname(os.path.abspath(__file__))
UCI = os.path.join(ROOT, "..", "src", "Convergent.Data", "Builtin", "uci")   # the tables behind builtin:iris/wine/digits

def npy(arr, shape, dtype='<f4'):
    header = "{'descr': '%s', 'fortran_order': False, 'shape': (%s), }" % (dtype, ", ".join(str(s) for s in shape) + ("," if len(shape) == 1 else ""))
    pad = 64 - (10 + len(header) + 1) % 64
    header = header + " " * pad + "\n"
    b = io.BytesIO()
    b.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode())
    fmt = 'f' if dtype == '<f4' else 'i'
    b.write(struct.pack("<%d%s" % (len(arr), fmt), *arr))
    return b.getvalue()

def write_npz(path, x, xshape, y, yshape, ydtype='<f4', compress=False):
    def entry(name):   # a fixed date, so a rerun writes byte-identical files
        info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
        return info
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(entry("x.npy"), npy(x, xshape))
        z.writestr(entry("y.npy"), npy(y, yshape, ydtype))

def blobs(n, rng, centers=((0, 0), (3, 3)), std=0.6, shares=None):
    xs, ys = [], []
    shares = shares or [1 / len(centers)] * len(centers)
    for i in range(n):
        r = rng.random(); c = 0; acc = shares[0]
        while r > acc and c < len(centers) - 1: c += 1; acc += shares[c]
        xs += [centers[c][0] + rng.gauss(0, std), centers[c][1] + rng.gauss(0, std)]
        ys.append(c)
    return xs, ys

def read_table(name):
    """A builtin UCI table (first line: rows, features, class names…; then features…, label), as (rows, labels)."""
    path = os.path.join(UCI, name)
    with (gzip.open(path, "rt") if name.endswith(".gz") else open(path)) as f:
        rows = list(csv.reader(f))
    if not name.endswith(".gz"): rows = rows[1:]   # digits.csv.gz has no header line
    return [[float(v) for v in r[:-1]] for r in rows], [int(float(r[-1])) for r in rows]

def standardized(rows):
    """Each column to mean 0, standard deviation 1 (what a Keras user does with StandardScaler before fit)."""
    cols = list(zip(*rows))
    mean = [sum(c) / len(c) for c in cols]
    std = [math.sqrt(sum((v - m) ** 2 for v in c) / len(c)) or 1.0 for c, m in zip(cols, mean)]
    return [[(v - m) / s for v, m, s in zip(r, mean, std)] for r in rows]

def shuffled(rows, labels, rng):
    order = list(range(len(rows))); rng.shuffle(order)
    return [rows[i] for i in order], [labels[i] for i in order]

HEAD = "from keras.models import Sequential\nfrom keras.layers import Dense, Dropout, Flatten, Conv2D, MaxPooling2D\nfrom keras import optimizers, regularizers, initializers\n\nmodel = Sequential()\n"

def script(layers, compile_, fit):
    return HEAD + "".join("model.add(%s)\n" % l for l in layers) + "model.compile(%s)\nmodel.fit(x, y, %s)\n" % (compile_, fit)

SPARSE = "loss='sparse_categorical_crossentropy', optimizer='adam', metrics=['accuracy']"
def sparse(opt): return "loss='sparse_categorical_crossentropy', optimizer=%s, metrics=['accuracy']" % opt

cases = []
def case(name, data, layers, compile_, fit, expected, args=(), why=""):
    d = os.path.join(ROOT, "cases", name); os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "model.py"), "w") as f:
        f.write("# suite case %s: %s\n" % (name, why) + script(layers, compile_, fit))
    cases.append({"name": name, "model": "cases/%s/model.py" % name, "data": data, "args": list(args), "expected": expected, "why": why})

rng = random.Random(7)
# data files
os.makedirs(os.path.join(ROOT, "data"), exist_ok=True)
x, y = blobs(300, rng); x[10] = float("nan"); x[41] = float("inf")
write_npz(os.path.join(ROOT, "data", "nan.npz"), x, (300, 2), [float(v) for v in y], (300,))
x, y = blobs(400, rng, shares=[0.96, 0.04])
write_npz(os.path.join(ROOT, "data", "imbalanced.npz"), x, (400, 2), [float(v) for v in y], (400,))
x = [rng.uniform(-1, 1) for _ in range(600)]
yr = [2 * x[2 * i] - x[2 * i + 1] + rng.gauss(0, 0.05) for i in range(300)]
write_npz(os.path.join(ROOT, "data", "regression.npz"), x, (300, 2), yr, (300,))
x, y = blobs(240, rng)
xs, ys = x[:], y[:]
order = list(range(240)); rng.shuffle(order)
xd = [v for i in order for v in x[2 * i:2 * i + 2]]; yd = [float(y[i]) for i in order]
xd += xd[:2 * 60]; yd += yd[:60]   # the last 60 rows (the validation split) repeat training rows
write_npz(os.path.join(ROOT, "data", "leaky.npz"), xd, (300, 2), yd, (300,))
x, y = blobs(300, rng)
order = list(range(300)); rng.shuffle(order)
write_npz(os.path.join(ROOT, "data", "blobs-shuffled.npz"), [v for i in order for v in x[2 * i:2 * i + 2]], (300, 2), [float(y[i]) for i in order], (300,))

# tables for the healthy cases beyond toy 2-d data (own generator, so the files above stay byte-identical)
trng = random.Random(11)
rows, labels = shuffled(standardized(read_table("wine_data.csv")[0]), read_table("wine_data.csv")[1], trng)
write_npz(os.path.join(ROOT, "data", "wine-standardized.npz"), [v for r in rows for v in r], (len(rows), 13), [float(v) for v in labels], (len(rows),))
rows, labels = shuffled(standardized(read_table("iris.csv")[0]), read_table("iris.csv")[1], trng)
write_npz(os.path.join(ROOT, "data", "iris-standardized.npz"), [v for r in rows for v in r], (len(rows), 4), [float(v) for v in labels], (len(rows),))
rows, labels = shuffled(*read_table("digits.csv.gz"), trng)
write_npz(os.path.join(ROOT, "data", "digits-images.npz"), [v / 16 for r in rows for v in r], (len(rows), 8, 8, 1), [float(v) for v in labels], (len(rows),), compress=True)
# noisy labels for the overfitting case: 20-d Gaussian inputs, a linear rule, 30 % of the labels flipped
xs, ys = [], []
w = [trng.gauss(0, 1) for _ in range(20)]
for i in range(300):
    v = [trng.gauss(0, 1) for _ in range(20)]
    label = 1 if sum(a * b for a, b in zip(v, w)) > 0 else 0
    xs += v; ys.append(float(1 - label if trng.random() < 0.3 else label))
write_npz(os.path.join(ROOT, "data", "noisy-labels.npz"), xs, (300, 20), ys, (300,))

F = "epochs=%d, batch_size=%d"
# ---- faulty: before training
case("output-units-mismatch", "builtin:wine", ["Dense(32, activation='relu', input_dim=13)", "Dense(2, activation='softmax')"], SPARSE, F % (5, 16), ["OUTPUT_UNITS_MISMATCH"], why="3 classes, 2 output units")
case("softmax-one-unit", "builtin:breast-cancer", ["Dense(16, activation='relu', input_dim=30)", "Dense(1, activation='softmax')"], "loss='binary_crossentropy', optimizer='adam', metrics=['accuracy']", F % (3, 32), ["LOSS_ACTIVATION_MISMATCH"], why="softmax on one unit is constant 1")
case("sigmoid-categorical", "builtin:wine", ["Dense(16, activation='relu', input_dim=13)", "Dense(3, activation='linear')"], sparse("'adam'"), F % (3, 16), ["LOSS_ACTIVATION_MISMATCH"], why="linear outputs into a probability loss without from_logits")
case("integer-labels-categorical", "builtin:iris", ["Dense(16, activation='relu', input_dim=4)", "Dense(3, activation='softmax')"], "loss='categorical_crossentropy', optimizer='adam', metrics=['accuracy']", F % (3, 16), ["LABEL_ENCODING_MISMATCH"], why="integer labels given to categorical_crossentropy")
case("data-nan", "data/nan.npz", ["Dense(16, activation='relu', input_dim=2)", "Dense(2, activation='softmax')"], SPARSE, F % (3, 16), ["DATA_NAN", "NAN_LOSS"], why="NaN and Inf in the inputs")
case("wine-unscaled", "builtin:wine", ["Dense(32, activation='relu', input_dim=13)", "Dense(3, activation='softmax')"], SPARSE, F % (10, 16), ["INPUT_NOT_NORMALIZED"], why="features from 0.1 to 1680")
case("raw-pixels", "builtin:large-images", ["Flatten(input_shape=(32, 32, 1))", "Dense(64, activation='relu')", "Dense(2, activation='softmax')"], SPARSE, F % (4, 32), ["INPUT_NOT_NORMALIZED", "SATURATED_OUTPUT", "DEAD_RELU"], why="raw 0-255 pixels")
case("class-imbalance", "data/imbalanced.npz", ["Dense(8, activation='relu', input_dim=2)", "Dense(2, activation='softmax')"], SPARSE, F % (5, 16), ["CLASS_IMBALANCE"], why="96/4 class shares")
case("iris-tail-split", "builtin:iris", ["Dense(16, activation='relu', input_dim=4)", "Dense(3, activation='softmax')"], SPARSE, F % (10, 8) + ", validation_split=0.2", ["VALIDATION_SPLIT_UNREPRESENTATIVE"], why="iris is sorted by class; the tail split holds one class")
case("two-curves-tail-split", "builtin:two-curves", ["Dense(4, activation='tanh', input_dim=2)", "Dense(4, activation='tanh')", "Dense(2, activation='softmax')"], sparse("'sgd'"), F % (10, 8) + ", validation_split=0.2", ["VALIDATION_SPLIT_UNREPRESENTATIVE"], why="user story 5")
case("leaky-validation", "data/leaky.npz", ["Dense(16, activation='relu', input_dim=2)", "Dense(2, activation='softmax')"], SPARSE, F % (5, 16) + ", validation_split=0.2", ["TRAIN_VAL_LEAKAGE"], why="validation rows duplicate training rows")
case("validation-is-training", "builtin:blobs", ["Dense(16, activation='relu', input_dim=2)", "Dense(3, activation='softmax')"], SPARSE, F % (5, 16) + ", validation_data=(x, y)", ["TRAIN_VAL_LEAKAGE"], why="validation_data is the training set")
case("kernel-as-image", "builtin:large-images", ["Conv2D(8, (32, 32), activation='relu', input_shape=(32, 32, 1))", "Flatten()", "Dense(2, activation='softmax')"], SPARSE, F % (3, 32), ["SPATIAL_COLLAPSE"], why="the kernel covers the whole image")
case("pooling-to-1x1", "builtin:large-images", ["Conv2D(4, (3, 3), activation='relu', input_shape=(32, 32, 1))", "MaxPooling2D((4, 4))", "MaxPooling2D((4, 4))", "Flatten()", "Dense(2, activation='softmax')"], SPARSE, F % (3, 32), ["SPATIAL_COLLAPSE"], why="pooling shrinks 30x30 to 1x1")
case("no-nonlinearity", "builtin:circles", ["Dense(32, input_dim=2)", "Dense(32)", "Dense(2, activation='softmax')"], SPARSE, F % (10, 16), ["NO_NONLINEARITY", "UNDERFITTING", "LOSS_PLATEAU"], why="stacked linear layers on circles")
case("huge-init", "builtin:blobs", ["Dense(64, activation='tanh', input_dim=2, kernel_initializer=initializers.RandomNormal(stddev=8.0))"] + ["Dense(64, activation='tanh', kernel_initializer=initializers.RandomNormal(stddev=8.0))"] * 4 + ["Dense(3, activation='softmax', kernel_initializer=initializers.RandomNormal(stddev=8.0))"], sparse("optimizers.SGD(learning_rate=0.01)"), F % (3, 16), ["POOR_WEIGHT_INIT", "INIT_LOSS_ANOMALY", "SATURATED_ACTIVATION"], why="stddev 8 weights")
case("tiny-init", "builtin:blobs", ["Dense(64, activation='relu', input_dim=2, kernel_initializer=initializers.RandomNormal(stddev=0.001))"] + ["Dense(64, activation='relu', kernel_initializer=initializers.RandomNormal(stddev=0.001))"] * 5 + ["Dense(3, activation='softmax')"], sparse("optimizers.SGD(learning_rate=0.01)"), F % (3, 16), ["POOR_WEIGHT_INIT", "VANISHING_GRADIENT", "NO_LEARNING"], why="stddev 0.001 weights through 6 layers")
case("output-init-loss", "builtin:iris", ["Dense(16, activation='relu', input_dim=4)", "Dense(3, activation='softmax', kernel_initializer=initializers.RandomNormal(stddev=20.0))"], SPARSE, F % (3, 16), ["INIT_LOSS_ANOMALY", "SATURATED_OUTPUT"], why="large output weights: loss at step 0 far above ln 3")
case("too-large-model", "builtin:iris", ["Dense(1024, activation='relu', input_dim=4)", "Dense(1024, activation='relu')", "Dense(3, activation='softmax')"], SPARSE, F % (2, 32), ["MODEL_TOO_LARGE_FOR_DATA"], why="1M parameters for 150 samples")
case("accuracy-on-regression", "data/regression.npz", ["Dense(16, activation='relu', input_dim=2)", "Dense(1)"], "loss='mse', optimizer='adam', metrics=['accuracy']", F % (5, 16), ["METRIC_MISUSE"], why="accuracy on a continuous target")
case("too-much-dropout", "builtin:spirals", ["Dense(64, activation='relu', input_dim=2, kernel_regularizer=regularizers.l2(1.0))", "Dropout(0.9)", "Dense(64, activation='relu', kernel_regularizer=regularizers.l2(1.0))", "Dropout(0.9)", "Dense(3, activation='softmax')"], SPARSE, F % (10, 16), ["REGULARIZATION_TOO_STRONG", "UNDERFITTING", "NO_LEARNING"], why="dropout 0.9 and l2(1.0)")
case("cannot-overfit", "builtin:spirals", ["Dense(64, activation='relu', input_dim=2)", "Dense(3, activation='softmax')"], sparse("optimizers.SGD(learning_rate=1e-7)"), F % (3, 16), ["CANNOT_OVERFIT_SMALL_BATCH", "LR_TOO_LOW", "NO_LEARNING"], why="lr 1e-7 cannot fit 16 samples")
case("dead-bias", "builtin:blobs", ["Dense(32, activation='relu', input_dim=2, bias_initializer=initializers.Constant(-50.0))", "Dense(3, activation='softmax')"], SPARSE, F % (3, 16), ["MODEL_IGNORES_INPUT", "DEAD_RELU", "UNCHANGED_WEIGHTS"], why="every ReLU is dead from the start")
# ---- faulty: during training
case("lr-huge-nan", "builtin:blobs", ["Dense(32, activation='relu', input_dim=2)", "Dense(3, activation='softmax')"], sparse("optimizers.SGD(learning_rate=1000.0)"), F % (5, 16), ["NAN_LOSS", "LR_TOO_HIGH", "EXPLODING_GRADIENT"], why="SGD lr 1000")
case("exploding-deep", "builtin:blobs", ["Dense(64, activation='relu', input_dim=2, kernel_initializer=initializers.RandomNormal(stddev=1.0))"] + ["Dense(64, activation='relu', kernel_initializer=initializers.RandomNormal(stddev=1.0))"] * 5 + ["Dense(3, activation='softmax')"], sparse("optimizers.SGD(learning_rate=0.1)"), F % (3, 16), ["EXPLODING_GRADIENT", "POOR_WEIGHT_INIT", "NAN_LOSS", "LR_TOO_HIGH"], why="stddev-1 weights over 64-wide layers grow 8x per layer")
case("deep-sigmoid", "builtin:circles", ["Dense(32, activation='sigmoid', input_dim=2)"] + ["Dense(32, activation='sigmoid')"] * 8 + ["Dense(2, activation='softmax')"], sparse("optimizers.SGD(learning_rate=0.01)"), F % (5, 16), ["VANISHING_GRADIENT", "NO_LEARNING", "POOR_WEIGHT_INIT"], why="9 sigmoid layers")
case("dead-relu-lr", "builtin:blobs", ["Dense(64, activation='relu', input_dim=2)", "Dense(64, activation='relu')", "Dense(3, activation='softmax')"], sparse("optimizers.SGD(learning_rate=3.0)"), F % (5, 16), ["DEAD_RELU", "LR_TOO_HIGH", "NAN_LOSS", "EXPLODING_GRADIENT"], why="SGD lr 3 kills the ReLUs")
case("tanh-unscaled", "builtin:wine", ["Dense(32, activation='tanh', input_dim=13)", "Dense(3, activation='softmax')"], SPARSE, F % (5, 16), ["SATURATED_ACTIVATION", "INPUT_NOT_NORMALIZED"], why="tanh on features up to 1680")
case("story2-collapse", "builtin:large-images", ["Conv2D(16, (32, 32), activation='relu', kernel_initializer='he_normal', input_shape=(32, 32, 1))", "Flatten()", "Dense(25, activation='relu')", "Dense(2, activation='softmax')"], sparse("optimizers.SGD(learning_rate=0.01, momentum=0.9, nesterov=True)"), F % (4, 32), ["SPATIAL_COLLAPSE", "SATURATED_OUTPUT", "CONSTANT_PREDICTION", "NO_LEARNING", "UNCHANGED_WEIGHTS"], why="user story 2 scaled down")
case("constant-prediction", "builtin:large-images", ["Flatten(input_shape=(32, 32, 1))", "Dense(2, activation='softmax')"], sparse("optimizers.SGD(learning_rate=0.1)"), F % (4, 32), ["SATURATED_OUTPUT", "CONSTANT_PREDICTION", "INPUT_NOT_NORMALIZED", "LR_TOO_HIGH"], why="raw pixels into softmax with a large step")
case("lr-too-high-adam", "builtin:blobs", ["Dense(32, activation='tanh', input_dim=2)", "Dense(3, activation='softmax')"], sparse("optimizers.Adam(learning_rate=5.0)"), F % (5, 16), ["LR_TOO_HIGH", "OSCILLATING_LOSS", "SATURATED_ACTIVATION"], why="Adam lr 5")
case("lr-too-low", "builtin:blobs", ["Dense(32, activation='tanh', input_dim=2)", "Dense(3, activation='softmax')"], sparse("optimizers.SGD(learning_rate=1e-5)"), F % (5, 16), ["LR_TOO_LOW", "TOO_FEW_EPOCHS", "UNDERFITTING", "NO_LEARNING"], why="SGD lr 1e-5")
case("oscillating", "builtin:xor", ["Dense(16, activation='tanh', input_dim=2)", "Dense(2, activation='softmax')"], sparse("optimizers.SGD(learning_rate=2.0, momentum=0.95)"), F % (8, 8), ["OSCILLATING_LOSS", "LR_TOO_HIGH"], why="SGD lr 2 with momentum 0.95")
case("plateau-linear-spirals", "builtin:spirals", ["Dense(3, activation='softmax', input_dim=2)"], SPARSE, F % (30, 16), ["LOSS_PLATEAU", "UNDERFITTING"], why="a linear model on spirals")
# ---- faulty: after training
case("overfit-noisy", "data/noisy-labels.npz", ["Dense(256, activation='relu', input_dim=20)", "Dense(256, activation='relu')", "Dense(2, activation='softmax')"], SPARSE, F % (30, 16) + ", validation_split=0.25", ["OVERFITTING", "MODEL_TOO_LARGE_FOR_DATA"], why="a wide MLP memorizes noisy labels (30 % flipped)")
case("underfit-xor-linear", "builtin:xor", ["Dense(2, activation='softmax', input_dim=2)"], SPARSE, F % (20, 16), ["UNDERFITTING", "LOSS_PLATEAU", "NO_LEARNING"], why="a linear model on XOR")
case("too-few-epochs", "data/blobs-shuffled.npz", ["Dense(16, activation='relu', input_dim=2)", "Dense(2, activation='softmax')"], sparse("optimizers.Adam(learning_rate=0.002)"), F % (3, 32) + ", validation_split=0.2", ["TOO_FEW_EPOCHS", "UNDERFITTING"], why="3 epochs while validation still improves")
# ---- healthy
H = []
def healthy(name, data, layers, compile_, fit, why):
    case(name, data, layers, compile_, fit, [], why=why)
# 40 epochs: blobs (seed 1337) has two overlapping clusters (nearest-centre accuracy 0.76); after 10 it still gains
healthy("ok-blobs", "builtin:blobs", ["Dense(16, activation='relu', input_dim=2)", "Dense(3, activation='softmax')"], SPARSE, F % (40, 16), "blobs, small MLP, Adam")
healthy("ok-circles", "builtin:circles", ["Dense(32, activation='relu', input_dim=2)", "Dense(32, activation='relu')", "Dense(2, activation='softmax')"], SPARSE, F % (30, 16), "circles, 2 hidden layers")
healthy("ok-xor", "builtin:xor", ["Dense(16, activation='tanh', input_dim=2)", "Dense(2, activation='softmax')"], sparse("optimizers.Adam(learning_rate=0.01)"), F % (30, 16), "XOR with tanh hidden layer")
healthy("ok-spirals", "builtin:spirals", ["Dense(64, activation='relu', input_dim=2)", "Dense(64, activation='relu')", "Dense(3, activation='softmax')"], sparse("optimizers.Adam(learning_rate=0.01)"), F % (40, 16), "spirals, 64-64 MLP")
healthy("ok-two-curves-shuffled-val", "builtin:two-curves", ["Dense(16, activation='tanh', input_dim=2)", "Dense(2, activation='softmax')"], sparse("optimizers.Adam(learning_rate=0.01)"), F % (20, 16), "story 5's data without a tail split")
healthy("ok-blobs-val", "data/blobs-shuffled.npz", ["Dense(16, activation='relu', input_dim=2)", "Dense(2, activation='softmax')"], SPARSE, F % (20, 16) + ", validation_split=0.2", "shuffled data with a validation split")
healthy("ok-blobs-sgd", "builtin:blobs", ["Dense(16, activation='tanh', input_dim=2)", "Dense(3, activation='softmax')"], sparse("optimizers.SGD(learning_rate=0.1, momentum=0.9)"), F % (10, 16), "SGD with momentum")
healthy("ok-circles-onehot", "builtin:circles", ["Dense(32, activation='relu', input_dim=2)", "Dense(2, activation='softmax')"], "loss='categorical_crossentropy', optimizer='adam', metrics=['accuracy']", F % (30, 16), "one-hot labels: y = to_categorical(y)")
healthy("ok-binary", "builtin:xor", ["Dense(16, activation='relu', input_dim=2)", "Dense(1, activation='sigmoid')"], "loss='binary_crossentropy', optimizer=optimizers.Adam(learning_rate=0.01), metrics=['accuracy']", F % (30, 16), "sigmoid + binary cross-entropy")
healthy("ok-digits-cnn", "data/digits-images.npz", ["Conv2D(16, (3, 3), activation='relu', input_shape=(8, 8, 1))", "MaxPooling2D((2, 2))", "Flatten()", "Dense(10, activation='softmax')"], SPARSE, F % (20, 32) + ", validation_split=0.2", "a small CNN on the 8x8 digits scaled to 0-1")
# Adam's default rate: with learning_rate=0.01 the validation loss bottoms at epoch 4 and rises 24 % by epoch 20 (a true
# OVERFITTING); at 0.001 it is still falling gently at epoch 60
healthy("ok-wine-adam", "data/wine-standardized.npz", ["Dense(16, activation='relu', input_dim=13)", "Dense(3, activation='softmax')"], SPARSE, F % (60, 16) + ", validation_split=0.2", "an MLP on standardized wine with Adam")
healthy("ok-iris-tanh", "data/iris-standardized.npz", ["Dense(16, activation='tanh', input_dim=4)", "Dense(8, activation='tanh')", "Dense(3, activation='softmax')"], sparse("optimizers.Adam(learning_rate=0.01)"), F % (40, 8), "a tanh MLP on standardized iris")

with open(os.path.join(ROOT, "manifest.json"), "w") as f:
    # no --max-seconds: a wall-clock budget makes the outcome depend on the machine's load; each case is sized by its
    # epochs to run in a few seconds instead
    json.dump({"defaults": {"args": []}, "cases": cases}, f, indent=1)
print(len([c for c in cases if c["expected"]]), "faulty,", len([c for c in cases if not c["expected"]]), "healthy")
