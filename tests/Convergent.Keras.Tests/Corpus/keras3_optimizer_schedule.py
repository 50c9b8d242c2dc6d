# Keras 3 with a learning-rate schedule object and AdamW.
import keras
from keras import layers

lr_schedule = keras.optimizers.schedules.ExponentialDecay(
    initial_learning_rate=1e-2, decay_steps=10_000, decay_rate=0.9)

model = keras.Sequential([
    layers.Input(shape=(784,)),
    layers.Dense(256, activation="gelu", kernel_initializer="he_uniform"),
    layers.Dropout(0.1),
    layers.Dense(10),
], name="mlp")

model.compile(
    optimizer=keras.optimizers.AdamW(learning_rate=lr_schedule, weight_decay=1e-4, clipnorm=1.0),
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True, ignore_class=None),
    metrics=[keras.metrics.SparseCategoricalAccuracy(name="acc")],
)
model.fit(x_train, y_train, batch_size=256, epochs=20, validation_data=(x_val, y_val),
          callbacks=[keras.callbacks.EarlyStopping(monitor="val_acc", mode="max", patience=3,
                                                   restore_best_weights=True),
                     keras.callbacks.TerminateOnNaN()])
