# suite case two-curves-tail-split: user story 5
from keras.models import Sequential
from keras.layers import Dense, Dropout, Flatten, Conv2D, MaxPooling2D
from keras import optimizers, regularizers, initializers

model = Sequential()
model.add(Dense(4, activation='tanh', input_dim=2))
model.add(Dense(4, activation='tanh'))
model.add(Dense(2, activation='softmax'))
model.compile(loss='sparse_categorical_crossentropy', optimizer='sgd', metrics=['accuracy'])
model.fit(x, y, epochs=10, batch_size=8, validation_split=0.2)
