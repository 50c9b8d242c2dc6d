# User story 2: "accuracy stuck at 0.4473 for 50 epochs" (Keras 1, Theano backend) — scaled down from 400×400 to 32×32, kernel still = image
import numpy as np
np.random.seed(1337)

from keras.models import Sequential
from keras.layers import Dense, Activation, Flatten
from keras.layers import Convolution2D
from keras.optimizers import SGD, RMSprop
from keras.utils import np_utils

X_train = np.load('images.npy').astype('float32')
Y_train = np_utils.to_categorical(np.load('labels.npy'), 2)

model = Sequential()
model.add(Convolution2D(32, 32, 32, border_mode='valid', init='he_normal',
                        input_shape=(1, 32, 32)))
model.add(Activation('relu'))
model.add(Flatten())
model.add(Dense(25))
model.add(Activation('relu'))
model.add(Dense(2))
model.add(Activation('softmax'))

sgd = SGD(lr=0.01, decay=1e-6, momentum=0.9, nesterov=True)
# rms = RMSprop()  # tried this too: same result
model.compile(loss='categorical_crossentropy', optimizer=sgd, metrics=['accuracy'])

print(model.summary())
model.fit(X_train, Y_train, batch_size=32, nb_epoch=50, verbose=1,
          validation_data=(X_train, Y_train))
