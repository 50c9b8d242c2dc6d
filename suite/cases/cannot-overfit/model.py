# suite case cannot-overfit: lr 1e-7 cannot fit 16 samples
from keras.models import Sequential
from keras.layers import Dense, Dropout, Flatten, Conv2D, MaxPooling2D
from keras import optimizers, regularizers, initializers

model = Sequential()
model.add(Dense(64, activation='relu', input_dim=2))
model.add(Dense(3, activation='softmax'))
model.compile(loss='sparse_categorical_crossentropy', optimizer=optimizers.SGD(learning_rate=1e-7), metrics=['accuracy'])
model.fit(x, y, epochs=3, batch_size=16)
