# suite case overfit-noisy: a wide MLP memorizes noisy labels (30 % flipped)
from keras.models import Sequential
from keras.layers import Dense, Dropout, Flatten, Conv2D, MaxPooling2D
from keras import optimizers, regularizers, initializers

model = Sequential()
model.add(Dense(256, activation='relu', input_dim=20))
model.add(Dense(256, activation='relu'))
model.add(Dense(2, activation='softmax'))
model.compile(loss='sparse_categorical_crossentropy', optimizer='adam', metrics=['accuracy'])
model.fit(x, y, epochs=30, batch_size=16, validation_split=0.25)
