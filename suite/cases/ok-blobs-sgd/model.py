# suite case ok-blobs-sgd: SGD with momentum
from keras.models import Sequential
from keras.layers import Dense, Dropout, Flatten, Conv2D, MaxPooling2D
from keras import optimizers, regularizers, initializers

model = Sequential()
model.add(Dense(16, activation='tanh', input_dim=2))
model.add(Dense(3, activation='softmax'))
model.compile(loss='sparse_categorical_crossentropy', optimizer=optimizers.SGD(learning_rate=0.1, momentum=0.9), metrics=['accuracy'])
model.fit(x, y, epochs=10, batch_size=16)
