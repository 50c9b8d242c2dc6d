# suite case huge-init: stddev 8 weights
from keras.models import Sequential
from keras.layers import Dense, Dropout, Flatten, Conv2D, MaxPooling2D
from keras import optimizers, regularizers, initializers

model = Sequential()
model.add(Dense(64, activation='tanh', input_dim=2, kernel_initializer=initializers.RandomNormal(stddev=8.0)))
model.add(Dense(64, activation='tanh', kernel_initializer=initializers.RandomNormal(stddev=8.0)))
model.add(Dense(64, activation='tanh', kernel_initializer=initializers.RandomNormal(stddev=8.0)))
model.add(Dense(64, activation='tanh', kernel_initializer=initializers.RandomNormal(stddev=8.0)))
model.add(Dense(64, activation='tanh', kernel_initializer=initializers.RandomNormal(stddev=8.0)))
model.add(Dense(3, activation='softmax', kernel_initializer=initializers.RandomNormal(stddev=8.0)))
model.compile(loss='sparse_categorical_crossentropy', optimizer=optimizers.SGD(learning_rate=0.01), metrics=['accuracy'])
model.fit(x, y, epochs=3, batch_size=16)
