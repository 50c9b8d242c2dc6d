# suite case pooling-to-1x1: pooling shrinks 30x30 to 1x1
from keras.models import Sequential
from keras.layers import Dense, Dropout, Flatten, Conv2D, MaxPooling2D
from keras import optimizers, regularizers, initializers

model = Sequential()
model.add(Conv2D(4, (3, 3), activation='relu', input_shape=(32, 32, 1)))
model.add(MaxPooling2D((4, 4)))
model.add(MaxPooling2D((4, 4)))
model.add(Flatten())
model.add(Dense(2, activation='softmax'))
model.compile(loss='sparse_categorical_crossentropy', optimizer='adam', metrics=['accuracy'])
model.fit(x, y, epochs=3, batch_size=32)
