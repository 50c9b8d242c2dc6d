# User story 1: LeNet-style CNN on scraped book covers, "loss is the same as in the first epoch".
# Keras 1.2 with the TensorFlow backend.
import os
import glob
import numpy as np
from PIL import Image
from sklearn.model_selection import train_test_split

from keras.models import Sequential
from keras.layers.convolutional import Convolution2D, MaxPooling2D
from keras.layers.core import Activation, Flatten, Dense
from keras.optimizers import Adam
from keras.utils import np_utils

IMG_ROWS, IMG_COLS = 70, 52
NB_CLASSES = 2

images, labels = [], []
for genre_index, genre in enumerate(['romance', 'scifi']):
    for path in glob.glob(os.path.join('covers', genre, '*.jpg')):
        img = Image.open(path).resize((IMG_COLS, IMG_ROWS))
        images.append(np.asarray(img))
        labels.append(genre_index)

X = np.array(images, dtype='float32')
y = np_utils.to_categorical(np.array(labels), NB_CLASSES)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)

model = Sequential()
# first set of CONV => RELU => POOL
model.add(Convolution2D(32, 5, 5, border_mode="same", input_shape=(IMG_ROWS, IMG_COLS, 3)))
model.add(Activation("relu"))
model.add(MaxPooling2D(pool_size=(2, 2), strides=(2, 2)))
# second set of CONV => RELU => POOL
model.add(Convolution2D(64, 5, 5, border_mode="same"))
model.add(Activation("relu"))
model.add(MaxPooling2D(pool_size=(2, 2), strides=(2, 2)))
# FC => RELU
model.add(Flatten())
model.add(Dense(512))
model.add(Activation("relu"))
# softmax classifier
model.add(Dense(NB_CLASSES))
model.add(Activation("softmax"))

model.compile(loss="categorical_crossentropy", optimizer=Adam(), metrics=["accuracy"])
model.fit(X_train, y_train, batch_size=500, nb_epoch=70, verbose=1)
(loss, accuracy) = model.evaluate(X_test, y_test, batch_size=128, verbose=1)
print("[INFO] accuracy: {:.2f}%".format(accuracy * 100))
