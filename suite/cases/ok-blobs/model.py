# suite case ok-blobs: blobs, small MLP, Adam
from keras.models import Sequential
from keras.layers import Dense, Dropout, Flatten, Conv2D, MaxPooling2D
from keras import optimizers, regularizers, initializers

model = Sequential()
model.add(Dense(16, activation='relu', input_dim=2))
model.add(Dense(3, activation='softmax'))
model.compile(loss='sparse_categorical_crossentropy', optimizer='adam', metrics=['accuracy'])
model.fit(x, y, epochs=40, batch_size=16)
