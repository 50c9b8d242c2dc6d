# Keras 1: augmentation with ImageDataGenerator and fit_generator (samples_per_epoch, nb_epoch).
from keras.preprocessing.image import ImageDataGenerator
from keras.models import Sequential
from keras.layers import Convolution2D, MaxPooling2D, Activation, Dropout, Flatten, Dense

img_width, img_height = 150, 150
nb_train_samples = 2000
nb_validation_samples = 800

model = Sequential()
model.add(Convolution2D(32, 3, 3, input_shape=(3, img_width, img_height), dim_ordering='th'))
model.add(Activation('relu'))
model.add(MaxPooling2D(pool_size=(2, 2), dim_ordering='th'))
model.add(Convolution2D(64, 3, 3, dim_ordering='th'))
model.add(Activation('relu'))
model.add(MaxPooling2D(pool_size=(2, 2), dim_ordering='th'))
model.add(Flatten())
model.add(Dense(64))
model.add(Activation('relu'))
model.add(Dropout(0.5))
model.add(Dense(1))
model.add(Activation('sigmoid'))

model.compile(loss='binary_crossentropy', optimizer='rmsprop', metrics=['accuracy'])

train_datagen = ImageDataGenerator(rescale=1./255, shear_range=0.2, zoom_range=0.2, horizontal_flip=True)
test_datagen = ImageDataGenerator(rescale=1./255)
train_generator = train_datagen.flow_from_directory('data/train', target_size=(img_width, img_height),
                                                    batch_size=32, class_mode='binary')
validation_generator = test_datagen.flow_from_directory('data/validation', target_size=(img_width, img_height),
                                                        batch_size=32, class_mode='binary')

model.fit_generator(train_generator,
                    samples_per_epoch=nb_train_samples,
                    nb_epoch=50,
                    validation_data=validation_generator,
                    nb_val_samples=nb_validation_samples)
model.save_weights('first_try.h5')
