# suite case ok-wine-adam: an MLP on standardized wine with Adam
from keras.models import Sequential
from keras.layers import Dense, Dropout, Flatten, Conv2D, MaxPooling2D
from keras import optimizers, regularizers, initializers

model = Sequential()
model.add(Dense(16, activation='relu', input_dim=13))
model.add(Dense(3, activation='softmax'))
model.compile(loss='sparse_categorical_crossentropy', optimizer='adam', metrics=['accuracy'])
model.fit(x, y, epochs=60, batch_size=16, validation_split=0.2)
