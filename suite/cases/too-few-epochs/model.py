# suite case too-few-epochs: 3 epochs while validation still improves
from keras.models import Sequential
from keras.layers import Dense, Dropout, Flatten, Conv2D, MaxPooling2D
from keras import optimizers, regularizers, initializers

model = Sequential()
model.add(Dense(16, activation='relu', input_dim=2))
model.add(Dense(2, activation='softmax'))
model.compile(loss='sparse_categorical_crossentropy', optimizer=optimizers.Adam(learning_rate=0.002), metrics=['accuracy'])
model.fit(x, y, epochs=3, batch_size=32, validation_split=0.2)
