# Keras 2.x 1-D convnet over sensor windows, with an arithmetic learning-rate schedule.
import numpy as np
from keras.models import Sequential
from keras.layers import Conv1D, Flatten, Dense
from keras.callbacks import LearningRateScheduler, CSVLogger
from keras.optimizers import Adam

x_train = np.load('windows.npy')
y_train = np.load('labels.npy')

model = Sequential()
model.add(Conv1D(32, 5, activation='relu', input_shape=(100, 8)))
model.add(Conv1D(64, 3, strides=2, padding='same', activation='relu'))
model.add(Flatten())
model.add(Dense(1, activation='sigmoid'))

model.compile(loss='binary_crossentropy', optimizer=Adam(lr=1e-3), metrics=['accuracy'])
schedule = LearningRateScheduler(lambda epoch: 1e-3 * 0.9 ** epoch, verbose=1)
model.fit(x_train, y_train, epochs=20, batch_size=64, validation_split=0.25,
          callbacks=[schedule, CSVLogger('log.csv', append=True)])
