# Keras 2.2: fit_generator with steps_per_epoch and callbacks, regularized convnet.
from keras.models import Sequential
from keras.layers import Conv2D, MaxPooling2D, GlobalAveragePooling2D, Dense, Dropout
from keras.callbacks import EarlyStopping, ModelCheckpoint, ReduceLROnPlateau, CSVLogger
from keras.regularizers import l2
from keras.preprocessing.image import ImageDataGenerator

weight_decay = 5e-4
model = Sequential()
model.add(Conv2D(32, (3, 3), activation='relu', padding='same', kernel_regularizer=l2(weight_decay),
                 input_shape=(128, 128, 3)))
model.add(MaxPooling2D())
model.add(Conv2D(64, (3, 3), activation='relu', padding='same', kernel_regularizer=l2(weight_decay)))
model.add(GlobalAveragePooling2D())
model.add(Dropout(0.4))
model.add(Dense(4, activation='softmax'))
model.compile('adam', 'categorical_crossentropy', ['accuracy'])

gen = ImageDataGenerator(rotation_range=15, width_shift_range=0.1, horizontal_flip=True)
train_flow = gen.flow(x_train, y_train, batch_size=64)
model.fit_generator(train_flow,
                    steps_per_epoch=len(x_train) // 64,
                    epochs=60,
                    validation_data=(x_val, y_val),
                    callbacks=[EarlyStopping(monitor='val_acc', patience=8, mode='max'),
                               ModelCheckpoint('weights.{epoch:02d}.hdf5', save_best_only=True),
                               ReduceLROnPlateau(factor=0.2, patience=3, epsilon=1e-4),
                               CSVLogger('training.log')],
                    workers=4)
