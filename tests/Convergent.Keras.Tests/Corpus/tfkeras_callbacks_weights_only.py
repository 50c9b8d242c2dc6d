# tf.keras MLP with a step-decay lambda schedule, NaN guard and weights-only checkpoints.
import tensorflow as tf
from tensorflow import keras

model = keras.Sequential([
    keras.layers.Dense(32, activation='elu', input_shape=(10,), kernel_regularizer=keras.regularizers.l1_l2(l1=1e-5, l2=1e-4)),
    keras.layers.BatchNormalization(momentum=0.9),
    keras.layers.Dense(16, activation='selu', kernel_initializer='lecun_normal'),
    keras.layers.Dense(3, activation='softmax'),
])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.05, momentum=0.9, clipnorm=1.0),
              loss=keras.losses.CategoricalCrossentropy(label_smoothing=0.1),
              metrics=['accuracy', keras.metrics.TopKCategoricalAccuracy(k=2)])
callbacks = [
    keras.callbacks.LearningRateScheduler(lambda epoch, lr: lr * 0.5 if epoch % 10 == 9 else lr),
    keras.callbacks.TerminateOnNaN(),
    keras.callbacks.ModelCheckpoint('ckpt/weights.{epoch:02d}.npz', save_weights_only=True),
]
model.fit(x, y, epochs=30, batch_size=16, shuffle=False, callbacks=callbacks, verbose=2)
