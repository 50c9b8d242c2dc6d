# A small CNN on scikit-learn's 8x8 digits, for the browser test of the conv-filter pictures and a 10-class confusion
# matrix: the 64 pixel columns reshaped to 8x8x1 images, 16 filters of 3x3, Adam, 8 epochs, 20 % held out.
from keras.models import Sequential
from keras.layers import Conv2D, Dense, Flatten, Reshape, Rescaling
from keras.optimizers import Adam

model = Sequential()
model.add(Reshape((8, 8, 1), input_shape=(64,)))
model.add(Rescaling(1.0 / 16))
model.add(Conv2D(16, (3, 3), activation='relu'))
model.add(Flatten())
model.add(Dense(10, activation='softmax'))
model.compile(loss='sparse_categorical_crossentropy', optimizer=Adam(learning_rate=0.003), metrics=['accuracy'])
model.fit(x, y, epochs=8, batch_size=32, validation_split=0.2)
