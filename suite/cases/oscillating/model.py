# suite case oscillating: SGD lr 2 with momentum 0.95
from keras.models import Sequential
from keras.layers import Dense, Dropout, Flatten, Conv2D, MaxPooling2D
from keras import optimizers, regularizers, initializers

model = Sequential()
model.add(Dense(16, activation='tanh', input_dim=2))
model.add(Dense(2, activation='softmax'))
model.compile(loss='sparse_categorical_crossentropy', optimizer=optimizers.SGD(learning_rate=2.0, momentum=0.95), metrics=['accuracy'])
model.fit(x, y, epochs=8, batch_size=8)
