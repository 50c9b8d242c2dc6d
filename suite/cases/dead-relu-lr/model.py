# suite case dead-relu-lr: SGD lr 3 kills the ReLUs
from keras.models import Sequential
from keras.layers import Dense, Dropout, Flatten, Conv2D, MaxPooling2D
from keras import optimizers, regularizers, initializers

model = Sequential()
model.add(Dense(64, activation='relu', input_dim=2))
model.add(Dense(64, activation='relu'))
model.add(Dense(3, activation='softmax'))
model.compile(loss='sparse_categorical_crossentropy', optimizer=optimizers.SGD(learning_rate=3.0), metrics=['accuracy'])
model.fit(x, y, epochs=5, batch_size=16)
