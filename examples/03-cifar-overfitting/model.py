# User story 3: CIFAR-10 stuck at 60 % validation accuracy (Keras 2.0, TensorFlow backend).
import numpy
from keras.datasets import cifar10
from keras.models import Sequential
from keras.layers import Dense, Dropout, Flatten
from keras.layers import Conv2D, MaxPooling2D
from keras.constraints import maxnorm
from keras.optimizers import Adam
from keras.utils import np_utils

seed = 7
numpy.random.seed(seed)

(X_train, y_train), (X_test, y_test) = cifar10.load_data()
X_train = X_train[:49000].astype('float32') / 255.0
X_test = X_test.astype('float32') / 255.0
y_train = np_utils.to_categorical(y_train[:49000])
y_test = np_utils.to_categorical(y_test)
num_classes = 10

model = Sequential()
for i, filters in enumerate([32, 64, 128]):
    if i == 0:
        model.add(Conv2D(filters, (3, 3), input_shape=(32, 32, 3), padding='same', activation='relu'))
    else:
        model.add(Conv2D(filters, (3, 3), padding='same', activation='relu'))
    model.add(Conv2D(filters, (3, 3), padding='same', activation='relu'))
    model.add(MaxPooling2D(pool_size=(2, 2)))
    model.add(Dropout(0.2))
model.add(Flatten())
model.add(Dense(1024, activation='relu', kernel_constraint=maxnorm(3)))
model.add(Dropout(0.5))
model.add(Dense(512, activation='relu', kernel_constraint=maxnorm(3)))
model.add(Dropout(0.5))
model.add(Dense(num_classes, activation='softmax'))

epochs = 50
model.compile(loss='categorical_crossentropy', optimizer=Adam(), metrics=['accuracy'])
print(model.summary())
history = model.fit(X_train, y_train, validation_split=0.1, epochs=epochs, batch_size=64)
scores = model.evaluate(X_test, y_test, verbose=0)
print("Accuracy: %.2f%%" % (scores[1] * 100))
