# Keras 1 with channels-first layers and Keras 1 BatchNormalization(mode=0, axis=1).
from keras.models import Sequential
from keras.layers import Convolution2D, MaxPooling2D, Flatten, Dense, Activation, Dropout
from keras.layers.normalization import BatchNormalization
from keras.optimizers import SGD

model = Sequential()
model.add(Convolution2D(32, 3, 3, border_mode='same', dim_ordering='th', input_shape=(3, 32, 32)))
model.add(BatchNormalization(mode=0, axis=1))
model.add(Activation('relu'))
model.add(MaxPooling2D(pool_size=(2, 2), dim_ordering='th'))
model.add(Convolution2D(64, 3, 3, border_mode='same', dim_ordering='th', subsample=(2, 2)))
model.add(BatchNormalization(mode=0, axis=1, momentum=0.9, epsilon=1e-5))
model.add(Activation('relu'))
model.add(Flatten())
model.add(Dense(10, activation='softmax'))
sgd = SGD(lr=0.1, momentum=0.9, decay=1e-4)
model.compile(loss='categorical_crossentropy', optimizer=sgd, metrics=['accuracy'])
model.fit(X_train, Y_train, batch_size=128, nb_epoch=30, validation_split=0.1, show_accuracy=True)
