# suite case story2-collapse: user story 2 scaled down
from keras.models import Sequential
from keras.layers import Dense, Dropout, Flatten, Conv2D, MaxPooling2D
from keras import optimizers, regularizers, initializers

model = Sequential()
model.add(Conv2D(16, (32, 32), activation='relu', kernel_initializer='he_normal', input_shape=(32, 32, 1)))
model.add(Flatten())
model.add(Dense(25, activation='relu'))
model.add(Dense(2, activation='softmax'))
model.compile(loss='sparse_categorical_crossentropy', optimizer=optimizers.SGD(learning_rate=0.01, momentum=0.9, nesterov=True), metrics=['accuracy'])
model.fit(x, y, epochs=4, batch_size=32)
