# suite case output-init-loss: large output weights: loss at step 0 far above ln 3
from keras.models import Sequential
from keras.layers import Dense, Dropout, Flatten, Conv2D, MaxPooling2D
from keras import optimizers, regularizers, initializers

model = Sequential()
model.add(Dense(16, activation='relu', input_dim=4))
model.add(Dense(3, activation='softmax', kernel_initializer=initializers.RandomNormal(stddev=20.0)))
model.compile(loss='sparse_categorical_crossentropy', optimizer='adam', metrics=['accuracy'])
model.fit(x, y, epochs=3, batch_size=16)
