# suite case ok-iris-tanh: a tanh MLP on standardized iris
from keras.models import Sequential
from keras.layers import Dense, Dropout, Flatten, Conv2D, MaxPooling2D
from keras import optimizers, regularizers, initializers

model = Sequential()
model.add(Dense(16, activation='tanh', input_dim=4))
model.add(Dense(8, activation='tanh'))
model.add(Dense(3, activation='softmax'))
model.compile(loss='sparse_categorical_crossentropy', optimizer=optimizers.Adam(learning_rate=0.01), metrics=['accuracy'])
model.fit(x, y, epochs=40, batch_size=8)
