# suite case exploding-deep: stddev-1 weights over 64-wide layers grow 8x per layer
from keras.models import Sequential
from keras.layers import Dense, Dropout, Flatten, Conv2D, MaxPooling2D
from keras import optimizers, regularizers, initializers

model = Sequential()
model.add(Dense(64, activation='relu', input_dim=2, kernel_initializer=initializers.RandomNormal(stddev=1.0)))
model.add(Dense(64, activation='relu', kernel_initializer=initializers.RandomNormal(stddev=1.0)))
model.add(Dense(64, activation='relu', kernel_initializer=initializers.RandomNormal(stddev=1.0)))
model.add(Dense(64, activation='relu', kernel_initializer=initializers.RandomNormal(stddev=1.0)))
model.add(Dense(64, activation='relu', kernel_initializer=initializers.RandomNormal(stddev=1.0)))
model.add(Dense(64, activation='relu', kernel_initializer=initializers.RandomNormal(stddev=1.0)))
model.add(Dense(3, activation='softmax'))
model.compile(loss='sparse_categorical_crossentropy', optimizer=optimizers.SGD(learning_rate=0.1), metrics=['accuracy'])
model.fit(x, y, epochs=3, batch_size=16)
