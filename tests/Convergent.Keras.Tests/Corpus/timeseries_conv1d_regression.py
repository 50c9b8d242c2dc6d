# tf.keras regression on windows of a time series: Reshape + Conv1D, RMSprop, mse/mae.
import numpy as np
import pandas as pd
import tensorflow as tf
from tensorflow import keras

WINDOW = 48
series = pd.read_csv('energy.csv')['load'].values
windows = np.lib.stride_tricks.sliding_window_view(series, WINDOW + 1)
X, y = windows[:, :-1], windows[:, -1]

model = keras.Sequential()
model.add(keras.layers.Reshape((WINDOW, 1), input_shape=(WINDOW,)))
model.add(keras.layers.Conv1D(filters=32, kernel_size=5, padding='causal', activation='relu'))
model.add(keras.layers.Conv1D(32, 5, strides=2, activation='relu'))
model.add(keras.layers.AveragePooling1D(2))
model.add(keras.layers.Flatten())
model.add(keras.layers.Dense(1))
model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=0.001, rho=0.9), loss='mse', metrics=['mae'])
model.fit(X, y, epochs=25, batch_size=64, validation_split=0.2, shuffle=False, verbose=1)
